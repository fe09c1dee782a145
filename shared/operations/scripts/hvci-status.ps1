param($p)
# HVCI readiness, as Microsoft's "Evaluate HVCI driver compatibility" page checks it: Win32_DeviceGuard says
# whether virtualization-based security and HVCI (security service 2) are configured and running, and the
# Driver Verifier settings verifier.exe wrote (Memory Management's VerifyDrivers and VerifyDriverLevel, read
# at boot) say whether the driver is verified with the code integrity checks (flag 0x02000000).
$guard = Get-CimInstance -ClassName Win32_DeviceGuard -Namespace 'root\Microsoft\Windows\DeviceGuard' -ErrorAction Stop
$vbs = 'off'
if ([int]$guard.VirtualizationBasedSecurityStatus -eq 1) { $vbs = 'configured' }
if ([int]$guard.VirtualizationBasedSecurityStatus -eq 2) { $vbs = 'running' }
$memory = Get-ItemProperty -LiteralPath 'HKLM:\SYSTEM\CurrentControlSet\Control\Session Manager\Memory Management'
$drivers = @(([string]$memory.VerifyDrivers) -split '\s+' | Where-Object { $_ -ne '' })
$flags = 0
if ($null -ne $memory.VerifyDriverLevel) { $flags = [int64]$memory.VerifyDriverLevel }
$driverFile = [string]$p.driverFile
[ordered]@{
    vbs            = $vbs
    hvciConfigured = (@($guard.SecurityServicesConfigured) -contains 2)
    hvciRunning    = (@($guard.SecurityServicesRunning) -contains 2)
    verifier       = [ordered]@{
        drivers        = $drivers
        flags          = $flags
        codeIntegrity  = (($flags -band 0x02000000) -ne 0)
        driverVerified = ($drivers -contains $driverFile)
    }
}
