# Granary in one image: the launcher runs the API and the UI behind one port.
# Give it DATABASE_URL (and preferably DATABASE_APP_URL); see docker-compose.yml.
FROM node:22-bookworm-slim AS build
WORKDIR /app
ENV TURBO_TELEMETRY_DISABLED=1 NEXT_TELEMETRY_DISABLED=1
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY . .
RUN npm ci && npm run build && npm prune --omit=dev

FROM node:22-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8080 NEXT_TELEMETRY_DISABLED=1
COPY --from=build /app /app
USER node
EXPOSE 8080
CMD ["node", "apps/launcher/dist/main.js"]
