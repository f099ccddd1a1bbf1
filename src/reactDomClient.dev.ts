// The dev server's reactDomClient.ts: it serves ES modules unbundled, with no require.
export const loadReactDomClient = () => import('react-dom/client');
