param($p)
# Turns test signing on for the next boot, as the tap-windows6 README does with `bcdedit /set testsigning on`.
# Windows refuses while Secure Boot is on; the setting takes effect after a reboot.
$command = Get-Command -Name 'bcdedit.exe' -CommandType Application -ErrorAction Stop | Select-Object -First 1
$ErrorActionPreference = 'Continue'
$lines = @(& $command '/set' '{current}' 'testsigning' 'on' 2>&1 | ForEach-Object { [string]$_ })
$exitCode = $LASTEXITCODE
$ErrorActionPreference = 'Stop'
if ($exitCode -ne 0) {
    throw ('bcdedit refused to turn test signing on (exit code ' + $exitCode + '): ' + (($lines -join ' ').Trim()))
}
[ordered]@{ testSigningConfigured = $true; rebootNeeded = $true }
