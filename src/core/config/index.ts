/** kpods' own config file. */
export * from './kpods-config.js';
