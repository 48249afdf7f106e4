declare module 'oauth';
