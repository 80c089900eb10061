# Multi-stage build: the SDK image compiles, the (smaller) ASP.NET runtime image runs.
# Build:  docker build -t dnslb .
# Run:    docker run -p 53:53/udp -p 53:53/tcp -v "$PWD/zones:/app/zones:ro" dnslb
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
# The zones folder is relative to the working directory (/app/zones); mount your own over it.
ENTRYPOINT ["dotnet", "DnsLb.dll"]
