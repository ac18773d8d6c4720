# The API image for docker-compose.yml. Neo4j runs in its own container; NEO4J_URI points at it.

# Build: the same static checks as the repository (lint, typecheck), then compile src/ to dist/.
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run lint && npm run typecheck && npm run build

# Runtime: production dependencies, the compiled service and the files it reads at run time
# (GraphQL type definitions and committed SDL, the Cypher schema and analyst files, the source
# files in data/ to load, the explorer's static files, the pom that pins the local Neo4j). No
# TypeScript, no tsx.
FROM node:20-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY schema ./schema
COPY cypher ./cypher
COPY data ./data
COPY src/explorer ./src/explorer
COPY src/neo4j/pom.xml ./src/neo4j/pom.xml
USER node
EXPOSE 4000
CMD ["node", "dist/main.js"]
