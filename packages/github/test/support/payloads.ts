// GitHub's documented example responses (docs.github.com, REST API "Users" and "Emails"),
// trimmed of the *_url templates a profile never reads.

/** GET /user with the `user` scope: https://docs.github.com/en/rest/users/users#get-the-authenticated-user */
export const OCTOCAT_USER = {
  login: 'octocat',
  id: 1,
  node_id: 'MDQ6VXNlcjE=',
  avatar_url: 'https://github.com/images/error/octocat_happy.gif',
  gravatar_id: '',
  url: 'https://api.github.com/users/octocat',
  html_url: 'https://github.com/octocat',
  repos_url: 'https://api.github.com/users/octocat/repos',
  type: 'User',
  site_admin: false,
  name: 'monalisa octocat',
  company: 'GitHub',
  blog: 'https://github.com/blog',
  location: 'San Francisco',
  email: 'octocat@github.com',
  hireable: false,
  bio: 'There once was...',
  twitter_username: 'monatheoctocat',
  public_repos: 2,
  public_gists: 1,
  followers: 20,
  following: 0,
  created_at: '2008-01-14T04:33:35Z',
  updated_at: '2008-01-14T04:33:35Z',
  private_gists: 81,
  total_private_repos: 100,
  owned_private_repos: 100,
  disk_usage: 10000,
  collaborators: 8,
  two_factor_authentication: true,
  plan: { name: 'Medium', space: 400, private_repos: 20, collaborators: 0 },
};

/** GET /user for someone with no name and no public email (both `null`, as GitHub sends them). */
export const PRIVATE_USER = {
  ...OCTOCAT_USER,
  login: 'hubot',
  id: 583231,
  node_id: 'MDQ6VXNlcjU4MzIzMQ==',
  html_url: 'https://github.com/hubot',
  name: null,
  email: null,
};

/**
 * GET /user/emails: https://docs.github.com/en/rest/users/emails#list-email-addresses-for-the-authenticated-user
 * (the documented single entry, with a second address and the noreply one GitHub adds, primary not first).
 */
export const OCTOCAT_EMAILS = [
  { email: 'mona@work.example', verified: false, primary: false, visibility: null },
  { email: 'octocat@github.com', verified: true, primary: true, visibility: 'public' },
  { email: '1+octocat@users.noreply.github.com', verified: true, primary: false, visibility: null },
];

/** GitHub's 401 for a bad, revoked or expired token. */
export const BAD_CREDENTIALS = { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' };

/** GitHub's token endpoint errors, each sent with HTTP 200. */
export const TOKEN_ERRORS = {
  bad_verification_code: {
    error: 'bad_verification_code',
    error_description: 'The code passed is incorrect or expired.',
    error_uri: 'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors/#bad-verification-code',
  },
  incorrect_client_credentials: {
    error: 'incorrect_client_credentials',
    error_description: 'The client_id and/or client_secret passed are incorrect.',
    error_uri: 'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors/#incorrect-client-credentials',
  },
  redirect_uri_mismatch: {
    error: 'redirect_uri_mismatch',
    error_description: 'The redirect_uri MUST match the registered callback URL for this application.',
    error_uri: 'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-authorization-request-errors/#redirect-uri-mismatch2',
  },
} as const;
