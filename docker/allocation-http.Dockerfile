# syntax=docker/dockerfile:1
# The HTTP API process. Build from the repository root:
#   docker build -f docker/allocation-http.Dockerfile -t allocation-http .

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# The Maven repository is a build cache, so a rebuild does not download the dependencies again.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -ntp -DskipTests -pl allocation-http -am package

FROM eclipse-temurin:17-jre
RUN groupadd --system allocation && useradd --system --gid allocation --no-create-home allocation
WORKDIR /app
COPY --from=build /src/allocation-http/target/allocation-http.jar /app/allocation-http.jar
COPY jvm.options /app/jvm.options
USER allocation
ENV ALLOCATION_HTTP_PORT=8080
EXPOSE 8080
# bash's /dev/tcp instead of curl, which the JRE image need not have.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${ALLOCATION_HTTP_PORT} && printf 'GET /health HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
# Exec form: java is PID 1 and gets the SIGTERM of `docker stop`, finishing the requests in flight.
ENTRYPOINT ["java", "@/app/jvm.options", "-XX:MaxRAMPercentage=75", "-jar", "/app/allocation-http.jar"]
