// The app declares its user, as an app with @types/passport does.
declare global {
  namespace Express {
    interface User {
      id: string;
    }
  }
}
export {};
