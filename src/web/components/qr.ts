import qrcode from 'qrcode-generator';

/**
 * A QR code as one SVG path (UI-7: every printed form carries a QR code back to the case). Error
 * correction M: a form may be creased or stamped over and still scan. The path draws each dark module as a 1×1
 * square in a `size`×`size` grid.
 */
export function qrPath(text: string): {
  size: number;
  path: string;
  isDark: (row: number, col: number) => boolean;
} {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const size = qr.getModuleCount();
  let path = '';
  for (let row = 0; row < size; row++)
    for (let col = 0; col < size; col++) if (qr.isDark(row, col)) path += `M${col} ${row}h1v1h-1z`;
  return { size, path, isDark: (row, col) => qr.isDark(row, col) };
}
