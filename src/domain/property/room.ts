/** How a room is named wherever staff read it: community, then building, unit and number run together. */
export const roomLabel = (community: string, building: string, unit: string, number: string) =>
  `${community} ${building}${unit}${number}`;
