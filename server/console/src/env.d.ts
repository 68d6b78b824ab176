/** CSS modules: class names become a map (camelCase, see vite.config.ts). */
declare module '*.module.css' {
  const classes: Record<string, string>;
  export default classes;
}

declare module '*.css';
