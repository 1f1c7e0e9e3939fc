# One image for both processes: the API jar and the worker jar. There is no ENTRYPOINT, so the
# command picks the process (docker-compose.yml sets it per service); the default runs the API.
#
#   docker build -t agreement-backfill .
#   docker run agreement-backfill java -jar /app/agreement-worker.jar
#
# Base images are pinned to a release; bump the tags on purpose, not by accident.

# ---- build: compile and package both Spring Boot jars ---------------------------------------
FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /build

# The poms first: the dependency download below is a layer of its own that is reused until a
# pom changes. The modules of this reactor are not downloaded (they are built below).
COPY pom.xml ./
COPY common-module/pom.xml common-module/
COPY worker-module/pom.xml worker-module/
COPY api-module/pom.xml api-module/
RUN mvn -B -q dependency:go-offline -DexcludeReactor=true -DexcludeGroupIds=io.agreement

# The sources, tests included: -DskipTests still compiles the tests, and the api and worker
# modules use the common module's test jar.
COPY common-module/src common-module/src
COPY worker-module/src worker-module/src
COPY api-module/src api-module/src
RUN mvn -B -DskipTests package

# ---- runtime ---------------------------------------------------------------------------------
FROM eclipse-temurin:17.0.15_6-jre-noble

# curl for the compose healthchecks; psql for the seed service's "is the database empty" check.
RUN apt-get update \
  && apt-get install -y --no-install-recommends curl postgresql-client \
  && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 agreement \
  && useradd --system --uid 10001 --gid agreement --home-dir /app --no-create-home \
     --shell /usr/sbin/nologin agreement

WORKDIR /app
COPY --from=build /build/api-module/target/agreement-api.jar /app/agreement-api.jar
COPY --from=build /build/worker-module/target/agreement-worker.jar /app/agreement-worker.jar

USER agreement:agreement

# Size the heap from the container's memory limit; die (and get restarted) on OutOfMemoryError
# instead of limping on.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"

# 8080: API (SERVER_PORT); 8081: worker actuator in docker-compose.yml (SERVER_PORT).
EXPOSE 8080 8081

CMD ["java", "-jar", "/app/agreement-api.jar"]
