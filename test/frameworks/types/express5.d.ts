// `express5` is the npm alias of express@5; its API as the apps here use it is express 4's.
declare module 'express5' {
  import express from 'express';
  export default express;
}
