import { z } from 'zod';
import { USERNAME_PATTERN } from '../domain/access/credentials';
import { ListQuery } from './common';
import { NewPassword, Role } from './auth';

export const User = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  jobNumber: z.string().nullable(),
  phone: z.string().nullable(),
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
  roles: z.array(Role),
  officeIds: z.array(z.string()),
  active: z.boolean(),
  isService: z.boolean(),
  /** created by the demo seed and still on its password: production refuses its sign-in (no demo password in production) */
  demo: z.boolean(),
  /** the end of a login lock-out in force, ISO; an admin may unlock (login lock-out counted before the password check) */
  lockedUntil: z.string().nullable(),
  version: z.number().int(),
});
export type User = z.infer<typeof User>;

const Username = z.string().trim().min(2).max(64).regex(USERNAME_PATTERN, 'field.invalid_format');

export const CreateUserBody = z.object({
  username: Username,
  name: z.string().trim().min(1).max(50),
  jobNumber: z.string().trim().max(30).optional(),
  phone: z.string().trim().max(40).optional(),
  departmentId: z.uuid().optional(),
  roles: z.array(Role).min(1).max(7),
  officeIds: z.array(z.uuid()).max(50).default([]),
  password: NewPassword,
  isService: z.boolean().default(false),
});
export type CreateUserBody = z.infer<typeof CreateUserBody>;

export const UpdateUserBody = z.object({
  version: z.number().int().min(1),
  name: z.string().trim().min(1).max(50).optional(),
  jobNumber: z.string().trim().max(30).nullable().optional(),
  phone: z.string().trim().max(40).nullable().optional(),
  departmentId: z.uuid().nullable().optional(),
  roles: z.array(Role).min(1).max(7).optional(),
  officeIds: z.array(z.uuid()).max(50).optional(),
  active: z.boolean().optional(),
  /** an admin resetting someone's password */
  password: NewPassword.optional(),
});
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;

export const UserListQuery = ListQuery.extend({
  officeId: z.uuid().optional(),
  departmentId: z.uuid().optional(),
  role: Role.optional(),
});
export type UserListQuery = z.infer<typeof UserListQuery>;
