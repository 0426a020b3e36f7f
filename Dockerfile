# cleanwire image: the compiled CLI (dist/) on the current Node LTS (26, LTS since October 2026), run as the unprivileged `node` user.
# Build: docker build -t cleanwire . (docker-compose.yml builds it for the worker, watcher and dashboard).

# --- build: all dependencies, TypeScript compiled to dist/ ---
FROM node:26-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` builds dist/, and the sources are not copied yet; the build is the step below.
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY workers ./workers
RUN npm run build

# --- runtime: production dependencies and dist/ only ---
FROM node:26-slim AS runtime
ENV NODE_ENV=production \
    CLEANWIRE_OUT=/data/out
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
# `cleanwire` on PATH runs the compiled CLI, as the repository's bin/cleanwire.js does.
RUN printf '#!/bin/sh\nexec node /app/dist/src/cli/main.js "$@"\n' > /usr/local/bin/cleanwire \
 && chmod 755 /usr/local/bin/cleanwire \
 && mkdir -p /data/inbox /data/out \
 && chown -R node:node /data
USER node
CMD ["cleanwire", "worker"]
