# The API image for docker-compose.yml. Neo4j runs in its own container; NEO4J_URI points at it.
FROM node:20-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY src ./src
COPY schema ./schema
COPY cypher ./cypher
USER node
EXPOSE 4000
CMD ["node", "--import", "tsx", "src/main.ts"]
