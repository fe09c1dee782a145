param($p)
# Turns on what the HVCI readiness checks look for, as Microsoft's HVCI page does it: virtualization-based
# security and HVCI in the DeviceGuard registry key (reg add), and Driver Verifier's code integrity checks
# (flag 0x02000000) for the driver, added to the flags and drivers already verified. Both take effect at
# the next boot; the settings are read back, and a setting that did not stick fails with verifier's words.
$reg = Get-Command -Name 'reg.exe' -CommandType Application -ErrorAction Stop | Select-Object -First 1
$verifier = Get-Command -Name 'verifier.exe' -CommandType Application -ErrorAction Stop | Select-Object -First 1
$driverFile = [string]$p.driverFile

function Invoke-Tool($Command, [string[]]$Arguments) {
    $ErrorActionPreference = 'Continue'
    $lines = @(& $Command @Arguments 2>&1 | ForEach-Object { [string]$_ })
    return @{ exitCode = $LASTEXITCODE; text = (@($lines | Where-Object { $_.Trim() -ne '' }) -join ' ').Trim() }
}

$guardKey = 'HKLM\SYSTEM\CurrentControlSet\Control\DeviceGuard'
foreach ($value in @(
        @($guardKey, 'EnableVirtualizationBasedSecurity'),
        @($guardKey, 'RequirePlatformSecurityFeatures'),
        @(($guardKey + '\Scenarios\HypervisorEnforcedCodeIntegrity'), 'Enabled'))) {
    $answer = Invoke-Tool $reg @('add', $value[0], '/v', $value[1], '/t', 'REG_DWORD', '/d', '1', '/f')
    if ($answer.exitCode -ne 0) { throw ('reg add ' + $value[0] + ' ' + $value[1] + ' failed (exit code ' + $answer.exitCode + '): ' + $answer.text) }
}

$memoryKey = 'HKLM:\SYSTEM\CurrentControlSet\Control\Session Manager\Memory Management'
$before = Get-ItemProperty -LiteralPath $memoryKey
$drivers = @(([string]$before.VerifyDrivers) -split '\s+' | Where-Object { $_ -ne '' })
if ($drivers -notcontains $driverFile) { $drivers = @($drivers + $driverFile) }
$flags = 0x02000000
if ($null -ne $before.VerifyDriverLevel) { $flags = ([int64]$before.VerifyDriverLevel) -bor 0x02000000 }
$answer = Invoke-Tool $verifier (@('/flags', ('0x{0:X8}' -f $flags), '/driver') + $drivers)
$after = Get-ItemProperty -LiteralPath $memoryKey
$set = @(([string]$after.VerifyDrivers) -split '\s+' | Where-Object { $_ -ne '' })
if ($set -notcontains $driverFile -or $null -eq $after.VerifyDriverLevel -or (([int64]$after.VerifyDriverLevel) -band 0x02000000) -eq 0) {
    throw ('verifier.exe did not set the code integrity checks for ' + $driverFile + ' (exit code ' + $answer.exitCode + '): ' + $answer.text)
}
[ordered]@{ drivers = $set; flags = [int64]$after.VerifyDriverLevel; rebootNeeded = $true }
