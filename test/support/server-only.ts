// vitest stand-in for Next's server-only marker (a no-op outside the bundler)
export {};
