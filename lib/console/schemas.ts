import { z } from 'zod';
import { emailSchema } from '@/lib/email/schemas';
import { expiresInDaysSchema } from '@/lib/invitations/schemas';
import { CONSOLE_ROLES, DEFAULT_CONSOLE_ROLE } from './roles';

export const consoleRoleSchema = z.enum(CONSOLE_ROLES, { error: 'Choose Owner, Admin or Viewer.' });

export const inviteConsoleUserSchema = z.object({
  email: emailSchema,
  role: consoleRoleSchema.default(DEFAULT_CONSOLE_ROLE),
  expiresInDays: expiresInDaysSchema,
});
export type InviteConsoleUserInput = z.infer<typeof inviteConsoleUserSchema>;

export const consoleInvitationRefSchema = z.object({ invitationId: z.string().uuid('Unknown invitation.') });
export type ConsoleInvitationRefInput = z.infer<typeof consoleInvitationRefSchema>;

export const consoleUserRefSchema = z.object({ userId: z.string().uuid('Unknown console user.') });
export type ConsoleUserRefInput = z.infer<typeof consoleUserRefSchema>;

export const changeConsoleRoleSchema = consoleUserRefSchema.extend({ role: consoleRoleSchema });
export type ChangeConsoleRoleInput = z.infer<typeof changeConsoleRoleSchema>;

export const acceptConsoleInvitationSchema = z.object({ token: z.string().max(100) });
