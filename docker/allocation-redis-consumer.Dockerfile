# syntax=docker/dockerfile:1
# The Redis consumer process. Build from the repository root:
#   docker build -f docker/allocation-redis-consumer.Dockerfile -t allocation-redis-consumer .

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# The Maven repository is a build cache, so a rebuild does not download the dependencies again.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -ntp -DskipTests -pl allocation-redis-consumer -am package

FROM eclipse-temurin:17-jre
RUN groupadd --system allocation && useradd --system --gid allocation --no-create-home allocation
WORKDIR /app
COPY --from=build /src/allocation-redis-consumer/target/allocation-redis-consumer.jar /app/allocation-redis-consumer.jar
COPY jvm.options /app/jvm.options
USER allocation
# No port and no HEALTHCHECK: the consumer serves nothing; it subscribes to Redis, and exits when it cannot start.
# Exec form: java is PID 1 and gets the SIGTERM of `docker stop`.
ENTRYPOINT ["java", "@/app/jvm.options", "-XX:MaxRAMPercentage=75", "-jar", "/app/allocation-redis-consumer.jar"]
