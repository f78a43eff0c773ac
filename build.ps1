# Thin PowerShell front end: forwards to build.sh (the single source of the build steps).
param([string]$Command = "build")
$ErrorActionPreference = "Stop"
$script = Join-Path $PSScriptRoot "build.sh"
& bash $script $Command
exit $LASTEXITCODE
