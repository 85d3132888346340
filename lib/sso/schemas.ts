import { z } from 'zod';
import { checkboxSchema } from '@/lib/commands/input';
import { organizationIdSchema } from '@/lib/organizations/schemas';
import { protocolsOf, SSO_PROVIDERS, type SsoProviderKey } from './providers';

export const SSO_PROVIDER_KEYS = Object.keys(SSO_PROVIDERS) as [SsoProviderKey, ...SsoProviderKey[]];
/** Up to three signing certificates per connection (the database holds the same limit). */
export const MAX_SSO_CERTIFICATES = 3;
export const DEFAULT_CLOCK_SKEW_SECONDS = 180;

const nameSchema = z
  .string({ error: 'Name the connection, like “Okta (employees)”.' })
  .trim()
  .min(1, 'Name the connection, like “Okta (employees)”.')
  .max(100, 'Use at most 100 characters.');

/** An absolute http(s) address, as an identity provider's endpoints are. */
function addressSchema(what: string) {
  return z
    .string({ error: `Enter the ${what}.` })
    .trim()
    .min(1, `Enter the ${what}.`)
    .max(2000, 'That address is too long.')
    .refine((value) => {
      try {
        const url = new URL(value);
        return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password;
      } catch {
        return false;
      }
    }, `Enter the ${what} as a full address, starting with https://.`);
}

const attributeSchema = (what: string) =>
  z
    .string({ error: `Name the attribute that carries the ${what}.` })
    .trim()
    .min(1, `Name the attribute that carries the ${what}.`)
    .max(300);

const mappingFields = {
  emailAttribute: attributeSchema('email address'),
  firstNameAttribute: attributeSchema('first name'),
  lastNameAttribute: attributeSchema('last name'),
  groupsAttribute: attributeSchema('groups'),
  /** The organization's verified domains the connection applies to. */
  domainIds: z.array(z.string().uuid('Unknown domain.')).max(100).default([]),
};

export const connectionRefSchema = z.object({
  organizationId: organizationIdSchema,
  connectionId: z.string().uuid('Unknown SSO connection.'),
});
export type ConnectionRefInput = z.infer<typeof connectionRefSchema>;

export const createSsoConnectionSchema = z
  .object({
    organizationId: organizationIdSchema,
    name: nameSchema,
    provider: z.enum(SSO_PROVIDER_KEYS, { error: 'Choose the identity provider.' }),
    protocol: z.enum(['saml', 'oidc'], { error: 'Choose SAML 2.0 or OpenID Connect.' }),
  })
  .refine((input) => protocolsOf(input.provider).includes(input.protocol), {
    path: ['protocol'],
    message: 'This identity provider doesn’t offer that protocol here.',
  });
export type CreateSsoConnectionInput = z.infer<typeof createSsoConnectionSchema>;

export const configureSamlSchema = connectionRefSchema.extend({
  name: nameSchema,
  idpEntityId: z
    .string({ error: 'Enter the identity provider’s entity ID.' })
    .trim()
    .min(1, 'Enter the identity provider’s entity ID (its issuer).')
    .max(1024, 'That entity ID is too long.'),
  idpSsoUrl: addressSchema('identity provider’s single sign-on URL'),
  /** The signing certificates, one PEM block (or metadata base64) each; blank fields are skipped. */
  certificates: z.array(z.string().max(20_000, 'That certificate is too long.')).max(MAX_SSO_CERTIFICATES).default([]),
  signedPart: z.enum(['assertion', 'response']).default('assertion'),
  allowSha1: checkboxSchema,
  idpInitiated: checkboxSchema,
  clockSkewSeconds: z.coerce
    .number({ error: 'Enter a number of seconds.' })
    .int('Enter whole seconds.')
    .min(0, 'Use 0 to 600 seconds.')
    .max(600, 'Use at most 600 seconds (10 minutes).')
    .default(DEFAULT_CLOCK_SKEW_SECONDS),
  ...mappingFields,
});
export type ConfigureSamlInput = z.infer<typeof configureSamlSchema>;

export const configureOidcSchema = connectionRefSchema.extend({
  name: nameSchema,
  issuer: addressSchema('issuer'),
  clientId: z.string({ error: 'Enter the client ID.' }).trim().min(1, 'Enter the client ID.').max(500, 'That client ID is too long.'),
  /** Blank keeps the stored secret: it is never shown again after saving. */
  clientSecret: z.string().max(2000, 'That secret is too long.').default(''),
  ...mappingFields,
});
export type ConfigureOidcInput = z.infer<typeof configureOidcSchema>;

export const setSsoEnabledSchema = connectionRefSchema.extend({ enabled: z.enum(['on', 'off']).transform((value) => value === 'on') });
export type SetSsoEnabledInput = z.infer<typeof setSsoEnabledSchema>;

export const deleteSsoConnectionSchema = connectionRefSchema.extend({
  confirmName: z.string({ error: 'Type the connection’s name to delete it.' }).trim(),
});
export type DeleteSsoConnectionInput = z.infer<typeof deleteSsoConnectionSchema>;

/** The identity provider's metadata, by address (kept, and refreshed daily) or pasted as XML. */
export const importSamlMetadataSchema = connectionRefSchema
  .extend({
    metadataUrl: z.string().trim().max(2000, 'That address is too long.').default(''),
    metadataXml: z.string().max(600_000, 'That metadata is over 512 KB: paste the identity provider’s own file.').default(''),
  })
  .superRefine((input, context) => {
    if (!input.metadataUrl && !input.metadataXml.trim()) {
      context.addIssue({ code: 'custom', path: ['metadataUrl'], message: 'Enter the metadata URL, or paste the metadata XML below.' });
    } else if (input.metadataUrl && !/^https?:\/\//i.test(input.metadataUrl)) {
      context.addIssue({
        code: 'custom',
        path: ['metadataUrl'],
        message: 'Enter the metadata URL as a full address, starting with https://.',
      });
    }
  });
export type ImportSamlMetadataInput = z.infer<typeof importSamlMetadataSchema>;

/** Require SSO for the organization's verified domains, with the owners who may still use an email link. */
export const setSsoRequirementSchema = z.object({
  organizationId: organizationIdSchema,
  requireSso: checkboxSchema,
  breakGlassMembershipIds: z.array(z.string().uuid('Unknown member.')).max(50).default([]),
});
export type SetSsoRequirementInput = z.infer<typeof setSsoRequirementSchema>;
