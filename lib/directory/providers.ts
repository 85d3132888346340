/**
 * The identity providers a directory can name, and what the console tailors to each: the names
 * their provisioning screens give the endpoint and the token, and the steps to connect. Pure data.
 */
export type DirectoryProviderKey = 'okta' | 'entra' | 'google' | 'onelogin' | 'jumpcloud' | 'generic';

export interface DirectoryProviderInfo {
  label: string;
  /** What the provider's console calls the SCIM base URL and the token. */
  baseUrlField: string;
  tokenField: string;
  steps: readonly string[];
  /** How a group's members reach Orgdesk, to explain the role mappings. */
  groupsNote: string;
}

export const DIRECTORY_PROVIDERS: Record<DirectoryProviderKey, DirectoryProviderInfo> = {
  okta: {
    label: 'Okta',
    baseUrlField: 'SCIM connector base URL',
    tokenField: 'Bearer token (HTTP Header authentication)',
    steps: [
      'In the Okta Admin Console, open the app integration people sign in with, then General → App Settings → Edit, and tick “Enable SCIM provisioning”.',
      'On the new Provisioning tab, choose Integration and enter the SCIM connector base URL below.',
      'Set “Unique identifier field for users” to userName, and tick Push New Users, Push Profile Updates and Push Groups.',
      'Choose “HTTP Header” authentication and paste the token as the Bearer token, then Test Connector Configuration and Save.',
      'Under Provisioning → To App, enable Create Users, Update User Attributes and Deactivate Users.',
      'Assign people and push groups (Push Groups tab) to start syncing.',
    ],
    groupsNote: 'Okta sends pushed groups by name: map them below.',
  },
  entra: {
    label: 'Microsoft Entra ID',
    baseUrlField: 'Tenant URL',
    tokenField: 'Secret Token',
    steps: [
      'In the Entra admin center, open Enterprise applications → your application (or create a non-gallery one) → Provisioning.',
      'Set Provisioning Mode to Automatic.',
      'Under Admin Credentials, paste the Tenant URL and the Secret Token below, then Test Connection and Save.',
      'Under Mappings, keep “Provision Microsoft Entra ID Users” and “Provision Microsoft Entra ID Groups” enabled.',
      'Under Users and groups, assign who should be provisioned, then turn Provisioning Status on.',
      'Entra syncs every 40 minutes; “Provision on demand” pushes one person at once.',
    ],
    groupsNote: 'Entra sends assigned groups by their display name: map them below.',
  },
  google: {
    label: 'Google Workspace',
    baseUrlField: 'Endpoint URL',
    tokenField: 'Access token',
    steps: [
      'In the Google Admin console, go to Apps → Web and mobile apps and open (or add) the custom SAML app for Orgdesk.',
      'Open Auto-provisioning, and enter the endpoint URL and the access token below.',
      'Map the attributes (userName to the primary email), choose the groups to provision, then turn auto-provisioning on.',
    ],
    groupsNote: 'Google sends the groups you scope to the app: map them below.',
  },
  onelogin: {
    label: 'OneLogin',
    baseUrlField: 'SCIM Base URL',
    tokenField: 'SCIM Bearer Token',
    steps: [
      'In OneLogin, open Applications → your SCIM-enabled app (for example “SCIM Provisioner with SAML (SCIM v2 Enterprise)”) → Configuration.',
      'Enter the SCIM Base URL and the SCIM Bearer Token below, then Enable the API connection.',
      'Under Provisioning, tick Enable provisioning, and choose what happens when users are deleted or suspended.',
      'Under Parameters, include Groups in user provisioning to push group memberships.',
    ],
    groupsNote: 'OneLogin sends the roles or groups you provision: map them below.',
  },
  jumpcloud: {
    label: 'JumpCloud',
    baseUrlField: 'Base URL',
    tokenField: 'Token Key',
    steps: [
      'In the JumpCloud Admin Portal, open SSO Applications → your application → Identity Management.',
      'Choose SCIM 2.0, enter the Base URL and the Token Key below, then Test Connection and Activate.',
      'Bind user groups to the application: their members are provisioned, and the groups pushed.',
    ],
    groupsNote: 'JumpCloud pushes the user groups bound to the app: map them below.',
  },
  generic: {
    label: 'Another SCIM 2.0 client',
    baseUrlField: 'SCIM base URL',
    tokenField: 'Bearer token',
    steps: [
      'In your identity provider, add a SCIM 2.0 provisioning target.',
      'Enter the base URL below and authenticate with the bearer token, sent as “Authorization: Bearer <token>”.',
      'Users are keyed by userName; groups by displayName. PATCH answers 204 No Content.',
    ],
    groupsNote: 'Groups arrive by displayName: map them below.',
  },
};

export const DIRECTORY_PROVIDER_KEYS = Object.keys(DIRECTORY_PROVIDERS) as [DirectoryProviderKey, ...DirectoryProviderKey[]];
