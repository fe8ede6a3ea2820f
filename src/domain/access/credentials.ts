/** What a username and a new password must be (zod-free; contracts validate with them, the web's forms check them). */

/** the shortest new password */
export const PASSWORD_MIN = 10;
/** letters, digits, dot, underscore and hyphen */
export const USERNAME_PATTERN = /^[A-Za-z0-9._-]+$/;
