import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // `next dev` would otherwise write an AGENTS.md block into the workspace.
  agentRules: false,
  // Horreum's addresses, which people have bookmarked and scripts print, lead to the same pages.
  async redirects() {
    return [
      { source: '/test/:id(\\d+)', destination: '/tests/:id', permanent: false },
      { source: '/run/:id(\\d+)', destination: '/runs/:id', permanent: false },
      { source: '/schema/_new', destination: '/schemas/new', permanent: false },
      { source: '/schema/:id(\\d+)', destination: '/schemas/:id', permanent: false },
    ];
  },
};

export default nextConfig;
