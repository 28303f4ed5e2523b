# One image for every service of the local stack (see docker-compose.yml): the project and its
# dependencies on the official Node 20 image. Each service runs one of local/services.ts.
FROM node:20-bookworm-slim

WORKDIR /app
ENV SLS_TELEMETRY_DISABLED=1 \
    SLS_NOTIFICATIONS_MODE=off \
    AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE=1 \
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true

COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

COPY . .
