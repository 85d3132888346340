import type { Failure } from '@/lib/result';

/**
 * Every expected failure, declared once: its default message and the HTTP status an API answers
 * with. Components and route handlers compare against these codes, never against literals.
 */
export const ERRORS = {
  invalid_input: { status: 400, message: 'Check the highlighted fields.' },
  unauthenticated: { status: 401, message: 'Your session has ended or you are not a builder. Sign in again at /login.' },
  forbidden: { status: 403, message: 'You don’t have permission to do that. Ask an owner of this console.' },
  not_found: { status: 404, message: 'That organization or record was not found. It may have been deleted.' },
  rate_limited: { status: 429, message: 'Too many requests. Wait a little and try again.' },
  slug_taken: { status: 409, message: 'That slug is already taken.' },
  confirm_mismatch: { status: 422, message: 'The confirmation you typed doesn’t match. Nothing was changed.' },
  too_many_addresses: { status: 413, message: 'Too many addresses at once.' },
  nothing_to_send: { status: 422, message: 'No address is ready to send.' },
  not_resendable: { status: 409, message: 'This invitation can’t be resent.' },
  superseded: { status: 409, message: 'A newer invitation to this address exists. Resend that one instead.' },
  not_revocable: { status: 409, message: 'This invitation can’t be revoked.' },
  already_added: { status: 409, message: 'That domain is already on this organization.' },
  no_verified_domain: { status: 422, message: 'Auto-join needs at least one verified domain.' },
  not_retryable: { status: 409, message: 'Only dead jobs can be retried.' },
  last_owner: { status: 409, message: 'An organization keeps at least one active owner. Make another member an owner first.' },
  last_console_owner: { status: 409, message: 'The console keeps at least one owner. Make someone else an owner first.' },
  already_console_user: { status: 409, message: 'That address already has console access.' },
  from_admin_emails: { status: 409, message: 'This owner comes from ADMIN_EMAILS. Change the variable to change them.' },
  not_yourself: { status: 409, message: 'You can’t do that to yourself. Ask another console owner.' },
  role_not_allowed: { status: 422, message: 'That role can’t be used here.' },
  key_taken: { status: 409, message: 'That key is already used.' },
  role_in_use: { status: 409, message: 'That role is in use. Move its members, invitations and auto-join settings to another role first.' },
  sso_incomplete: { status: 422, message: 'Finish the connection’s setup before enabling it.' },
  sso_required: { status: 409, message: 'This organization requires SSO. Turn that off first, or keep another connection enabled.' },
  fetch_failed: { status: 502, message: 'Orgdesk couldn’t fetch that address. Check it, or paste the document instead.' },
  wrong_protocol: { status: 409, message: 'That setting belongs to the other protocol of this connection.' },
  default_role: { status: 409, message: 'The default roles can’t be deleted, and their console permissions are fixed.' },
  cross_site: { status: 403, message: 'This request must come from Orgdesk’s own pages.' },
  bad_request: { status: 400, message: 'The request could not be read.' },
  launch_checks_failing: { status: 409, message: 'Some launch checks fail. Fix them, or override with a reason.' },
  already_launched: { status: 409, message: 'This organization is already marked as launched.' },
  idempotency_in_progress: { status: 409, message: 'A request with this Idempotency-Key is still running. Retry once it answers.' },
  idempotency_mismatch: {
    status: 422,
    message: 'This Idempotency-Key was used with a different request. Use a new key for a new request.',
  },
  setup_link_expired: { status: 410, message: 'This setup link has expired. Ask whoever sent it for a new one.' },
  setup_link_revoked: { status: 410, message: 'This setup link was revoked. Ask whoever sent it for a new one.' },
  already_member: { status: 409, message: 'That person is already a member of this organization. Change their role instead.' },
  endpoint_disabled: { status: 409, message: 'The endpoint is disabled. Enable it first, then re-send.' },
  delivery_in_progress: { status: 409, message: 'This delivery is still being tried. Wait for it to succeed or fail.' },
  directory_exists: { status: 409, message: 'This organization already has a directory. Rotate its token or change its settings instead.' },
  // SCIM's refusals (lib/directory/scim/errors.ts): the hint carries the scimType.
  scim_invalid: { status: 400, message: 'The SCIM request is not valid.' },
  scim_conflict: { status: 409, message: 'That resource already exists in this directory.' },
  scim_too_large: { status: 413, message: 'The SCIM request body is larger than 1 MB.' },
  // The invitation page's refusals: each explained there in full (lib/invitations/accept.ts).
  unknown: { status: 404, message: 'This invitation link isn’t valid.' },
  rotated: { status: 410, message: 'This link was replaced by a newer invitation email.' },
  accepted: { status: 409, message: 'This invitation has already been accepted.' },
  revoked: { status: 410, message: 'This invitation was revoked.' },
  expired: { status: 410, message: 'This invitation has expired.' },
  test: { status: 422, message: 'This is a test invitation.' },
  suspended: { status: 409, message: 'This organization is suspended.' },
  wrong_account: { status: 403, message: 'You’re signed in with a different address.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

export function isErrorCode(code: string): code is ErrorCode {
  return code in ERRORS;
}

/** The HTTP status an API answers with for a failure's code. */
export function httpStatusOf(code: string): number {
  return isErrorCode(code) ? ERRORS[code].status : 500;
}

/** A route handler's JSON answer for a failure: the registry's status, the code and the message. */
export function errorResponse(failure: Pick<Failure, 'code' | 'message' | 'fieldErrors'>, headers?: HeadersInit): Response {
  return Response.json(apiErrorBody(failure), { status: httpStatusOf(failure.code), headers });
}

/** The JSON body an API answers with: the code and message, and field errors when there are any. */
export function apiErrorBody(failure: Pick<Failure, 'code' | 'message' | 'fieldErrors'>) {
  return { error: failure.code, message: failure.message, ...(failure.fieldErrors ? { fieldErrors: failure.fieldErrors } : {}) };
}
