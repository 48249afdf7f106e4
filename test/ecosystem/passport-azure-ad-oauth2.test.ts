import { describeEcosystemStrategy } from './support/strategy-suite.js';
import { azureAD, AZURE_RESOURCE } from './providers/azure-ad.js';
import { PERSON } from './providers/person.js';

describeEcosystemStrategy({
  packageName: 'passport-azure-ad-oauth2',
  constructorFrom: (exports) => (exports as { Strategy: unknown }).Strategy,
  name: 'azure_ad_oauth2',
  provider: azureAD,
  options: (emulator) => ({
    authorizationURL: emulator.url(azureAD.authorizationPath),
    tokenURL: emulator.url(azureAD.tokenPath),
    resource: AZURE_RESOURCE,
  }),
  expectedScope: undefined,
  // As the package's README shows: the user is read from params.id_token.
  toUser: ({ params }) => {
    const idToken = String((params as { id_token?: unknown }).id_token);
    const claims = JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
    return { id: claims['oid'], upn: claims['upn'], resource: (params as { resource?: unknown }).resource };
  },
  expectedUser: { id: PERSON.id, upn: PERSON.email, resource: AZURE_RESOURCE },
  profileOutsideBase: 'it fetches no profile',
});
