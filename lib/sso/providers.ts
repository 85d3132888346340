/**
 * The identity providers a connection can name, and what the console tailors to each: the
 * protocols it offers, the names its admin console gives the values to copy both ways, its setup
 * steps, and the attribute names it sends by default. Pure data; the setup screens read it.
 */
export type SsoProtocolName = 'saml' | 'oidc';
export type SsoProviderKey = 'okta' | 'entra' | 'google' | 'onelogin' | 'jumpcloud' | 'generic_saml' | 'generic_oidc';

/** Which attribute (SAML) or claim (OIDC) carries each of a person's details. */
export interface AttributeMapping {
  email: string;
  firstName: string;
  lastName: string;
  groups: string;
}

export interface SamlSetup {
  /** What the identity provider's console calls the values Orgdesk gives it. */
  acsUrlField: string;
  spEntityIdField: string;
  /** What it calls the values the builder brings back. */
  metadataUrlField: string;
  ssoUrlField: string;
  entityIdField: string;
  certificateField: string;
  steps: readonly string[];
  attributes: AttributeMapping;
}

export interface OidcSetup {
  redirectUriField: string;
  clientIdField: string;
  clientSecretField: string;
  /** The issuer's usual shape, as a hint. */
  issuerHint: string;
  steps: readonly string[];
  attributes: AttributeMapping;
}

export interface SsoProviderInfo {
  label: string;
  saml?: SamlSetup;
  oidc?: OidcSetup;
}

const STANDARD_CLAIMS: AttributeMapping = { email: 'email', firstName: 'given_name', lastName: 'family_name', groups: 'groups' };
const ENTRA_CLAIMS = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims';

export const SSO_PROVIDERS: Record<SsoProviderKey, SsoProviderInfo> = {
  okta: {
    label: 'Okta',
    saml: {
      acsUrlField: 'Single sign-on URL',
      spEntityIdField: 'Audience URI (SP Entity ID)',
      metadataUrlField: 'Metadata URL',
      ssoUrlField: 'Identity Provider Single Sign-On URL',
      entityIdField: 'Identity Provider Issuer',
      certificateField: 'X.509 Certificate',
      steps: [
        'In the Okta Admin Console, go to Applications → Create App Integration and choose SAML 2.0.',
        'Paste the Single sign-on URL and the Audience URI below, and keep “Use this for Recipient URL and Destination URL” ticked.',
        'Under Attribute Statements add email, firstName and lastName; under Group Attribute Statements add groups.',
        'Finish, open the Sign On tab and copy the Metadata URL here.',
      ],
      attributes: { email: 'email', firstName: 'firstName', lastName: 'lastName', groups: 'groups' },
    },
    oidc: {
      redirectUriField: 'Sign-in redirect URIs',
      clientIdField: 'Client ID',
      clientSecretField: 'Client secret',
      issuerHint: 'https://your-org.okta.com',
      steps: [
        'In the Okta Admin Console, go to Applications → Create App Integration, choose OIDC and Web Application.',
        'Add the redirect URI below to Sign-in redirect URIs, and grant the authorization code grant.',
        'Copy the Client ID and Client secret here; the issuer is your Okta domain.',
      ],
      attributes: STANDARD_CLAIMS,
    },
  },
  entra: {
    label: 'Microsoft Entra ID',
    saml: {
      acsUrlField: 'Reply URL (Assertion Consumer Service URL)',
      spEntityIdField: 'Identifier (Entity ID)',
      metadataUrlField: 'App Federation Metadata Url',
      ssoUrlField: 'Login URL',
      entityIdField: 'Microsoft Entra Identifier',
      certificateField: 'Certificate (Base64)',
      steps: [
        'In the Entra admin center, go to Enterprise applications → New application → Create your own application (non-gallery).',
        'Under Single sign-on choose SAML, and paste the Identifier and the Reply URL below into Basic SAML Configuration.',
        'Under Attributes & Claims, add a group claim if roles should follow groups.',
        'Copy the App Federation Metadata Url here.',
      ],
      attributes: {
        email: `${ENTRA_CLAIMS}/emailaddress`,
        firstName: `${ENTRA_CLAIMS}/givenname`,
        lastName: `${ENTRA_CLAIMS}/surname`,
        groups: 'http://schemas.microsoft.com/ws/2008/06/identity/claims/groups',
      },
    },
    oidc: {
      redirectUriField: 'Redirect URI (Web)',
      clientIdField: 'Application (client) ID',
      clientSecretField: 'Client secret value',
      issuerHint: 'https://login.microsoftonline.com/<tenant id>/v2.0',
      steps: [
        'In the Entra admin center, go to App registrations → New registration, single tenant.',
        'Add the redirect URI below as a Web redirect URI.',
        'Under Certificates & secrets, create a client secret and copy its value here with the Application (client) ID.',
        'The issuer names your tenant: the multi-tenant “common” and “organizations” issuers are refused.',
      ],
      attributes: STANDARD_CLAIMS,
    },
  },
  google: {
    label: 'Google Workspace',
    saml: {
      acsUrlField: 'ACS URL',
      spEntityIdField: 'Entity ID',
      metadataUrlField: 'IdP metadata (download)',
      ssoUrlField: 'SSO URL',
      entityIdField: 'Entity ID',
      certificateField: 'Certificate',
      steps: [
        'In the Google Admin console, go to Apps → Web and mobile apps → Add app → Add custom SAML app.',
        'Download the IdP metadata and paste it here, then continue.',
        'Paste the ACS URL and the Entity ID below; Name ID is the primary email.',
        'Map First name and Last name, and Group membership if roles should follow groups, then turn the app on for the right users.',
      ],
      attributes: { email: 'email', firstName: 'firstName', lastName: 'lastName', groups: 'groups' },
    },
  },
  onelogin: {
    label: 'OneLogin',
    saml: {
      acsUrlField: 'ACS (Consumer) URL',
      spEntityIdField: 'Audience (EntityID)',
      metadataUrlField: 'Issuer URL',
      ssoUrlField: 'SAML 2.0 Endpoint (HTTP)',
      entityIdField: 'Issuer URL',
      certificateField: 'X.509 Certificate',
      steps: [
        'In OneLogin, go to Applications → Add App and choose “SAML Custom Connector (Advanced)”.',
        'Paste the Audience, the ACS (Consumer) URL and the Recipient below; set the ACS URL Validator to match it.',
        'Under SSO, copy the Issuer URL (it serves the metadata) here.',
      ],
      attributes: { email: 'User.email', firstName: 'User.FirstName', lastName: 'User.LastName', groups: 'memberOf' },
    },
  },
  jumpcloud: {
    label: 'JumpCloud',
    saml: {
      acsUrlField: 'ACS URLs',
      spEntityIdField: 'SP Entity ID',
      metadataUrlField: 'Export Metadata',
      ssoUrlField: 'IDP URL',
      entityIdField: 'IdP Entity ID',
      certificateField: 'IDP Certificate',
      steps: [
        'In the JumpCloud Admin Portal, go to SSO Applications → Add New Application → Custom Application, with SAML.',
        'Paste the SP Entity ID and the ACS URL below, and choose an IdP Entity ID.',
        'Add attributes email, firstname and lastname, and include the group attribute (memberOf) if roles should follow groups.',
        'Export the metadata and paste it here.',
      ],
      attributes: { email: 'email', firstName: 'firstname', lastName: 'lastname', groups: 'memberOf' },
    },
  },
  generic_saml: {
    label: 'Another SAML 2.0 identity provider',
    saml: {
      acsUrlField: 'Assertion Consumer Service (ACS) URL',
      spEntityIdField: 'Service provider entity ID (audience)',
      metadataUrlField: 'Metadata URL',
      ssoUrlField: 'Single sign-on URL (HTTP-Redirect or HTTP-POST)',
      entityIdField: 'Identity provider entity ID (issuer)',
      certificateField: 'Signing certificate',
      steps: [
        'Create a SAML 2.0 application for Orgdesk in your identity provider.',
        'Give it the ACS URL and the entity ID below, or upload Orgdesk’s metadata file.',
        'Send the email address as NameID or as an attribute, and sign assertions with SHA-256.',
        'Bring back its metadata (URL or XML), or its SSO URL, entity ID and certificate.',
      ],
      attributes: { email: 'email', firstName: 'firstName', lastName: 'lastName', groups: 'groups' },
    },
  },
  generic_oidc: {
    label: 'Another OpenID Connect provider',
    oidc: {
      redirectUriField: 'Redirect URI (callback URL)',
      clientIdField: 'Client ID',
      clientSecretField: 'Client secret',
      issuerHint: 'https://login.example.com',
      steps: [
        'Register a web application (confidential client, authorization code flow) for Orgdesk.',
        'Add the redirect URI below.',
        'Copy the issuer, the client ID and the client secret here; Orgdesk reads the rest from the issuer’s discovery document.',
      ],
      attributes: STANDARD_CLAIMS,
    },
  },
};

/** The protocols a provider offers, SAML first. */
export function protocolsOf(provider: SsoProviderKey): SsoProtocolName[] {
  const info = SSO_PROVIDERS[provider];
  return [...(info.saml ? ['saml' as const] : []), ...(info.oidc ? ['oidc' as const] : [])];
}

/** The attribute names a new connection starts with, for its provider and protocol. */
export function defaultAttributeMapping(provider: SsoProviderKey, protocol: SsoProtocolName): AttributeMapping | null {
  const info = SSO_PROVIDERS[provider];
  return (protocol === 'saml' ? info.saml?.attributes : info.oidc?.attributes) ?? null;
}
