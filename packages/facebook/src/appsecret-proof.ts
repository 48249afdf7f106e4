import { createHmac } from 'node:crypto';

/**
 * The `appsecret_proof` Graph API parameter: HMAC-SHA256 of the access token keyed by the app
 * secret, as lowercase hex. It proves a Graph call comes from a holder of the app secret, so a
 * stolen access token alone is not enough when the app has "Require App Secret" on.
 * https://developers.facebook.com/docs/graph-api/securing-requests#appsecret_proof
 *
 * @example
 * ```ts
 * appSecretProof('token', 'secret'); // 'e941110e3d2bfe82621f0e3e1434730d7305d106c5f68c87165d0b27a4611a4a'
 * ```
 */
export function appSecretProof(accessToken: string, appSecret: string): string {
  return createHmac('sha256', appSecret).update(accessToken).digest('hex');
}
