# One image for every service of the local stack (see docker-compose.yml): the project and what
# the stack runs (package.json's dependencies; the test and lint tools stay out) on the official
# Node 20 image, run by its `node` user. Each service is a program of local/services.json, run as
# `npm start` runs it: docker-compose.yml names the program.
FROM node:20-bookworm-slim

ENV SLS_TELEMETRY_DISABLED=1 \
    SLS_NOTIFICATIONS_MODE=off \
    AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE=1 \
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true

# The data folder exists in the image, owned by `node`, so that a new volume mounted there is too.
RUN mkdir /app /data && chown node:node /app /data
WORKDIR /app
USER node

COPY --chown=node:node package.json package-lock.json ./
# npm's cache would stay in the layer: it goes in the same step.
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

COPY --chown=node:node . .

# package.json's start script, with the program's name instead of `start` (local/services.test.ts).
ENTRYPOINT ["node", "--max-semi-space-size=4", "local/run.mjs"]
