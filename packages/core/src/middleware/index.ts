export { Middleware, type MiddlewareContext } from './middleware.js';
