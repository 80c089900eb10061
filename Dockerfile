# Multi-stage build: the SDK image compiles, the (smaller) ASP.NET runtime image runs.
# Build:  docker build -t dnslb .
# Run:    docker run -p 53:53/udp -p 53:53/tcp -v "$PWD/zones:/app/zones:ro" dnslb
#         (your settings: add -v "$PWD/dnslb.json:/app/dnslb.json:ro"; zone edits are served live,
#         docker kill -s HUP reloads everything, docker stop stops cleanly)
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props DnsLb.sln ./
COPY src/ src/
RUN dotnet publish src/DnsLb/DnsLb.csproj -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
COPY zones/ ./zones/
EXPOSE 53/udp 53/tcp
# The JIT's cache of freed compile buffers (up to 16 MiB) is of no use to a server that compiles its hot path
# once: 4-6 MiB less after the first burst of queries (README "Performance"; deploy/dnslb.service does the same).
ENV DOTNET_JitHostMaxSlabCache=0
# The zones folder and dnslb.json are looked for in the working directory (/app); mount your own there.
ENTRYPOINT ["dotnet", "DnsLb.dll"]
