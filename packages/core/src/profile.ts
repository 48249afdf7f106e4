/**
 * The normalized user profile Passport strategies hand to the verify callback
 * (see Passport's "User Profile" documentation; the fields follow Portable Contacts).
 */
export interface Profile {
  /** Which strategy produced the profile: `github`, `facebook`, `twitter`, … */
  provider: string;
  /** The user's stable identifier at the provider. */
  id: string;
  /** The name suitable for display. */
  displayName: string;
  /** The provider's login or handle, where it has one. */
  username?: string;
  name?: {
    familyName?: string;
    givenName?: string;
    middleName?: string;
  };
  /** Email addresses; where the provider marks one primary, it comes first. */
  emails?: ProfileEmail[];
  photos?: { value: string }[];
  profileUrl?: string;
  gender?: string;
  /** The raw response body the profile was built from. */
  _raw?: string;
  /** The parsed response body the profile was built from. */
  _json?: Record<string, unknown>;
  [extra: string]: unknown;
}

export interface ProfileEmail {
  value: string;
  type?: string;
  verified?: boolean;
  primary?: boolean;
}
