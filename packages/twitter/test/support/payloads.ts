// Response bodies as Twitter's and X's API references document them (abridged where marked).

/**
 * GET account/verify_credentials.json?include_email=true, the example of
 * https://developer.x.com/en/docs/twitter-api/v1/accounts-and-users/manage-account-settings/api-reference/get-account-verify_credentials
 * (entities and status abridged; email as `include_email` adds it).
 */
export const VERIFY_CREDENTIALS = `{
  "id": 2244994945,
  "id_str": "2244994945",
  "name": "Twitter Dev",
  "screen_name": "TwitterDev",
  "location": "Internet",
  "description": "Your official source for Twitter Platform news, updates & events.",
  "url": "https://t.co/FGl7VOULyL",
  "entities": { "url": { "urls": [{ "url": "https://t.co/FGl7VOULyL", "expanded_url": "https://developer.twitter.com/", "display_url": "developer.twitter.com", "indices": [0, 23] }] }, "description": { "urls": [] } },
  "protected": false,
  "followers_count": 507902,
  "friends_count": 1776,
  "listed_count": 1427,
  "created_at": "Sat Dec 14 04:35:55 +0000 2013",
  "favourites_count": 2137,
  "utc_offset": null,
  "time_zone": null,
  "geo_enabled": true,
  "verified": true,
  "statuses_count": 3393,
  "lang": null,
  "status": { "created_at": "Tue May 14 17:54:29 +0000 2019", "id": 1128357932238823424, "id_str": "1128357932238823424", "text": "We have a new home." },
  "profile_image_url": "http://pbs.twimg.com/profile_images/880136122604507136/xHrnqf1T_normal.jpg",
  "profile_image_url_https": "https://pbs.twimg.com/profile_images/880136122604507136/xHrnqf1T_normal.jpg",
  "default_profile": false,
  "default_profile_image": false,
  "email": "dev@example.com"
}`;

/** A user whose id is past 2^53: JSON.parse turns `id` into 1407041282183942100. */
export const VERIFY_CREDENTIALS_LARGE_ID = `{"id":1407041282183942145,"id_str":"1407041282183942145","name":"Large Id","screen_name":"large_id","profile_image_url_https":"https://pbs.twimg.com/profile_images/1/a_normal.jpg"}`;

/**
 * GET /2/users/me?user.fields=created_at,description,profile_image_url,protected,verified, the
 * example of https://docs.x.com/x-api/users/get-my-user.
 */
export const USERS_ME = `{
  "data": {
    "id": "2244994945",
    "name": "X Dev",
    "username": "TwitterDev",
    "created_at": "2013-12-14T04:35:55.000Z",
    "description": "The voice of the X Dev team and your official source for updates, news, and events, related to the X API.",
    "profile_image_url": "https://pbs.twimg.com/profile_images/1445764922474827784/W2zEPN7U_normal.jpg",
    "protected": false,
    "verified": false
  }
}`;

/** Twitter v1.1 error bodies (https://developer.x.com/en/support/x-api/error-troubleshooting). */
export const INVALID_TOKEN = '{"errors":[{"code":89,"message":"Invalid or expired token."}]}';
export const COULD_NOT_AUTHENTICATE = '{"errors":[{"code":32,"message":"Could not authenticate you."}]}';
/** The XML form older OAuth endpoints answered with. */
export const XML_ERROR = '<?xml version="1.0" encoding="UTF-8"?>\n<hash>\n  <error>Desktop applications only support the oauth_callback value \'oob\'</error>\n  <request>/oauth/request_token</request>\n</hash>';
export const XML_ERRORS_WITH_CODE = '<?xml version="1.0" encoding="UTF-8"?><errors><error code="32">Could not authenticate you.</error></errors>';

/** X API v2 problems (https://docs.x.com/x-api/fundamentals/response-codes-and-errors). */
export const X_UNAUTHORIZED = '{"title":"Unauthorized","type":"about:blank","status":401,"detail":"Unauthorized"}';
export const X_INVALID_REQUEST =
  '{"errors":[{"parameters":{"user.fields":["nope"]},"message":"The `user.fields` query parameter value [nope] is not one of [id,name,username]"}],"title":"Invalid Request","detail":"One or more parameters to your request was invalid.","type":"https://api.twitter.com/2/problems/invalid-request"}';
export const X_USAGE_CAPPED = '{"title":"UsageCapExceeded","detail":"Usage cap exceeded: Monthly product cap","type":"https://api.twitter.com/2/problems/usage-capped","period":"Monthly","scope":"Product"}';
