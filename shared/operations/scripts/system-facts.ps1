param($p)
# What every check starts from: which Windows this is, on what hardware, and when it last booted.
$version = [System.Environment]::OSVersion.Version
$os = Get-CimInstance -ClassName Win32_OperatingSystem
$cs = Get-CimInstance -ClassName Win32_ComputerSystem
$cpuCores = (Get-CimInstance -ClassName Win32_Processor | Measure-Object -Property NumberOfCores -Sum).Sum
$nt = Get-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion'

$hardware = ('{0} {1}' -f $cs.Manufacturer, $cs.Model).Trim()
$virtualMarkers = @('Virtual Machine', 'VMware', 'VirtualBox', 'KVM', 'QEMU', 'Xen', 'Parallels', 'Bochs', 'Amazon EC2', 'Google Compute Engine')
$isVirtual = $false
foreach ($marker in $virtualMarkers) {
    if ($hardware -like "*$marker*") { $isVirtual = $true }
}

$pending = New-Object System.Collections.Generic.List[string]
if (Test-Path -Path 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Component Based Servicing\RebootPending') {
    $pending.Add('Component Based Servicing')
}
if (Test-Path -Path 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\WindowsUpdate\Auto Update\RebootRequired') {
    $pending.Add('Windows Update')
}
$sessionManager = Get-ItemProperty -Path 'HKLM:\SYSTEM\CurrentControlSet\Control\Session Manager' -Name 'PendingFileRenameOperations' -ErrorAction SilentlyContinue
if ($null -ne $sessionManager -and $null -ne $sessionManager.PendingFileRenameOperations) {
    $pending.Add('Pending file rename operations')
}

$identity = [Security.Principal.WindowsIdentity]::GetCurrent()
$elevated = ([Security.Principal.WindowsPrincipal]$identity).IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)

[ordered]@{
    computerName       = $env:COMPUTERNAME
    osVersion          = $version.ToString()
    build              = [int]$version.Build
    ubr                = [int]$nt.UBR
    productName        = [string]$nt.ProductName
    edition            = [string]$nt.EditionID
    releaseId          = [string]$nt.ReleaseId
    cores              = [int]$cpuCores
    logicalProcessors  = [int]$cs.NumberOfLogicalProcessors
    hardware           = $hardware
    isVirtual          = $isVirtual
    lastBootTime       = $os.LastBootUpTime.ToUniversalTime().ToString('o')
    pendingReboot      = @($pending)
    powershellVersion  = $PSVersionTable.PSVersion.ToString()
    elevated           = $elevated
}
