/** The `User-Agent` a package sends: `@passport-kit/github/1.2.0 (node v20.19.0)`. */
export function userAgent(packageName: string, version: string): string {
  return `${packageName}/${version} (node ${process.version})`;
}
