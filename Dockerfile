# Banxie 伴写: the whole deployment in one image — pages, manifest and completion service on one port.
#   docker build --build-arg BANXIE_PUBLIC_URL=https://banxie.example.gov.cn -t banxie .
#   docker run -p 3000:3000 -v /etc/banxie:/etc/banxie:ro -v /var/log/banxie:/var/log/banxie banxie
# Serves plain http on 3000: put TLS in front (the manifest URLs are https), or mount cert/key and set `tls`.

FROM node:22-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
# Optional dependencies stay: esbuild and swc fetch their native binaries through them.
RUN npm ci --no-audit --no-fund
COPY . .
ARG BANXIE_PUBLIC_URL=https://localhost:3000
# local = office.js from @microsoft/office-js, so Word never needs Microsoft's CDN (intranets).
ARG BANXIE_OFFICE_JS=local
RUN npm run build -- --public-url "$BANXIE_PUBLIC_URL" --office-js "$BANXIE_OFFICE_JS" --out-dir dist

FROM node:22-slim
ENV NODE_ENV=production
WORKDIR /opt/banxie
COPY package.json package-lock.json ./
# Runtime dependencies only; the optional one (office-addin-debugging) is a developer tool.
RUN npm ci --omit=dev --omit=optional --no-audit --no-fund && npm cache clean --force
COPY --from=build /src/dist ./dist
COPY deploy/docker.yaml /etc/banxie/banxie.yaml
RUN mkdir -p /var/log/banxie && chown node:node /var/log/banxie
USER node
ENV BANXIE_CONFIG=/etc/banxie/banxie.yaml PORT=3000 HOST=0.0.0.0
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/server/main.js"]
