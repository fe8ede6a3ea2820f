import { z } from 'zod';
import { PASSWORD_MIN } from '../domain/access/credentials';

export { PASSWORD_MIN };
import { PERMISSIONS, ROLES } from '../domain/access/roles';

export const Role = z.enum(ROLES);
export const Permission = z.enum(PERMISSIONS);

export const LoginBody = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const Me = z.object({
  user: z.object({
    id: z.string(),
    username: z.string(),
    name: z.string(),
    jobNumber: z.string().nullable(),
    roles: z.array(Role),
    officeIds: z.array(z.string()),
    companyId: z.string(),
    companyName: z.string(),
    companyShortName: z.string(),
    /** the user's department (部门工单) */
    departmentId: z.string().nullable(),
  }),
  permissions: z.array(Permission),
  /** the server's clock (it may be moved in tests): countdowns are computed against it */
  serverTime: z.string(),
});
export type Me = z.infer<typeof Me>;

export const NewPassword = z.string().min(PASSWORD_MIN, 'field.password_too_short').max(200);

export const ChangePasswordBody = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: NewPassword,
});
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;

export const CreateTokenBody = z.object({
  name: z.string().trim().min(1).max(100),
  userId: z.uuid(),
});
export type CreateTokenBody = z.infer<typeof CreateTokenBody>;

export const ApiToken = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  user: z.object({ id: z.string(), name: z.string(), username: z.string() }),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiToken = z.infer<typeof ApiToken>;

/** The token itself appears only in this response, once. */
export const CreatedToken = z.object({ token: z.string(), apiToken: ApiToken });

export const ApiTokenList = z.object({ items: z.array(ApiToken) });
export type ApiTokenList = z.infer<typeof ApiTokenList>;
