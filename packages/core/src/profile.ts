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
  /** The user's name in parts, where the provider gives them. */
  name?: {
    /** Last name. */
    familyName?: string;
    /** First name. */
    givenName?: string;
    /** Middle name. */
    middleName?: string;
  };
  /** Email addresses; where the provider marks one primary, it comes first. */
  emails?: ProfileEmail[];
  /** Profile pictures, as URLs in `value`. */
  photos?: {
    /** The picture's URL. */
    value: string;
  }[];
  /** The user's public profile page at the provider. */
  profileUrl?: string;
  /** As the provider reports it, where it does. */
  gender?: string;
  /** The raw response body the profile was built from. */
  _raw?: string;
  /** The parsed response body the profile was built from. */
  _json?: Record<string, unknown>;
  [extra: string]: unknown;
}

/** One email address of a {@link Profile}. */
export interface ProfileEmail {
  /** The address. */
  value: string;
  /** A label such as `home` or `work`, where the provider has one. */
  type?: string;
  /** Whether the provider verified the address. */
  verified?: boolean;
  /** Whether the user marked it primary at the provider. */
  primary?: boolean;
}
