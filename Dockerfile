# One image for every service of the local stack (see docker-compose.yml): the project and its
# dependencies on the official Node 20 image. Each service is a program of local/services.json,
# run as `npm start` runs it: docker-compose.yml names the program.
FROM node:20-bookworm-slim

WORKDIR /app
ENV SLS_TELEMETRY_DISABLED=1 \
    SLS_NOTIFICATIONS_MODE=off \
    AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE=1 \
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true

COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

COPY . .

# package.json's start script, with the program's name instead of `start` (local/services.test.ts).
ENTRYPOINT ["node", "--max-semi-space-size=4", "local/run.mjs"]
