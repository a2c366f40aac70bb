# Multi-stage: compile with the dev toolchain, ship only the runtime.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/plaid-emulator/package.json ./packages/plaid-emulator/
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/build.mjs ./scripts/
COPY packages/plaid-emulator/tsconfig.json packages/plaid-emulator/tsconfig.build.json ./packages/plaid-emulator/
COPY packages/plaid-emulator/src ./packages/plaid-emulator/src
COPY src ./src
COPY explorer ./explorer
RUN node scripts/build.mjs gateway explorer && npm prune --omit=dev

FROM node:20-bookworm-slim
# HOST: the gateway listens on loopback unless told otherwise; in a container, traffic arrives on its own interface.
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000 \
    DATA_DIR=/var/lib/gateway
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
# The emulator workspace package (node_modules/plaid-emulator links to it).
COPY --from=build /app/packages/plaid-emulator/package.json ./packages/plaid-emulator/
COPY --from=build /app/packages/plaid-emulator/dist ./packages/plaid-emulator/dist
COPY --from=build /app/dist/src ./dist/src
COPY --from=build /app/dist/explorer ./dist/explorer
RUN mkdir -p /var/lib/gateway && chown node:node /var/lib/gateway
USER node
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/src/main.js"]
