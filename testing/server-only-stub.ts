// Stands in for the 'server-only' package outside Next (tests, CLI): lib/k8s runs on the server anyway.
export {};
