/**
 * The MongoDB version this store reports (buildInfo, serverStatus). 7.0 is
 * the first release with `$vectorSearch` and the search-index commands.
 */
export const version = '7.0.0';
