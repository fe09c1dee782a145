param($p)
# What the readiness checks read on an HLK client or support machine, in one round trip. Each part is
# read on its own: a part that cannot be read (a command missing, access denied, output this script
# cannot read) comes back as its error, and the other parts still arrive.

function Read-Part([scriptblock]$Read) {
    try {
        $value = & $Read
        return @{ ok = $true; value = $value }
    } catch {
        return @{ ok = $false; error = $_.Exception.Message }
    }
}

# Runs a native command and keeps its exit code and every line it printed (stdout and stderr).
function Invoke-Native([string]$Name, [string[]]$Arguments) {
    $command = Get-Command -Name $Name -CommandType Application -ErrorAction Stop | Select-Object -First 1
    $ErrorActionPreference = 'Continue'
    $lines = @(& $command @Arguments 2>&1 | ForEach-Object { [string]$_ })
    return @{ exitCode = $LASTEXITCODE; lines = $lines }
}

$services = Read-Part {
    $list = [System.Collections.Generic.List[object]]::new()
    foreach ($name in @($p.services)) {
        $service = Get-Service -Name ([string]$name) -ErrorAction SilentlyContinue
        if ($null -eq $service) {
            $list.Add([ordered]@{ name = [string]$name; exists = $false; status = $null; startType = $null; displayName = $null })
            continue
        }
        $list.Add([ordered]@{
            name        = $service.Name
            exists      = $true
            status      = $service.Status.ToString()
            startType   = $service.StartType.ToString()
            displayName = $service.DisplayName
        })
    }
    [ordered]@{ services = @($list) }
}

$signing = Read-Part {
    $bcd = Invoke-Native 'bcdedit.exe' @('/enum', '{current}')
    if ($bcd.exitCode -ne 0) {
        throw ('bcdedit /enum failed (exit code ' + $bcd.exitCode + '): ' + (($bcd.lines -join ' ').Trim()))
    }
    $configured = $false
    foreach ($line in $bcd.lines) {
        if ($line -match '^\s*testsigning\s+(\S+)\s*$') {
            $value = $Matches[1]
            if ($value -eq 'Yes') { $configured = $true }
            elseif ($value -eq 'No') { $configured = $false }
            else { throw ('bcdedit printed testsigning "' + $value + '", which this script cannot read (not English?)') }
        }
    }
    # The options Windows booted with: TESTSIGNING is there only once a reboot has applied the setting.
    $startOptions = [string](Get-ItemProperty -LiteralPath 'HKLM:\SYSTEM\CurrentControlSet\Control' -Name 'SystemStartOptions').SystemStartOptions
    $secureBoot = $null
    try { $secureBoot = [bool](Confirm-SecureBootUEFI) } catch { $secureBoot = $null }
    [ordered]@{
        testSigningConfigured = $configured
        testSigningActive     = ($startOptions -match '(^|\s)TESTSIGNING(\s|$)')
        secureBoot            = $secureBoot
    }
}

$certificates = Read-Part {
    $subject = $p.certificate.subject
    $thumbprint = $p.certificate.thumbprint
    $found = [System.Collections.Generic.List[object]]::new()
    foreach ($store in @('Root', 'TrustedPublisher')) {
        foreach ($cert in @(Get-ChildItem -Path "Cert:\LocalMachine\$store")) {
            $bySubject = ($null -ne $subject) -and ($cert.Subject.IndexOf([string]$subject, [StringComparison]::OrdinalIgnoreCase) -ge 0)
            $byThumbprint = ($null -ne $thumbprint) -and ($cert.Thumbprint -eq [string]$thumbprint)
            if ($bySubject -or $byThumbprint) {
                $found.Add([ordered]@{
                    store      = $store
                    subject    = $cert.Subject
                    thumbprint = $cert.Thumbprint
                    notAfter   = $cert.NotAfter.ToUniversalTime().ToString('o')
                })
            }
        }
    }
    [ordered]@{ matching = @($found) }
}

$adapters = Read-Part {
    $list = [System.Collections.Generic.List[object]]::new()
    foreach ($adapter in @(Get-NetAdapter)) {
        $ipv6 = @(Get-NetIPAddress -InterfaceIndex $adapter.ifIndex -AddressFamily IPv6 -ErrorAction SilentlyContinue |
            ForEach-Object { [ordered]@{ address = $_.IPAddress; prefixLength = [int]$_.PrefixLength } })
        $ipv4 = @(Get-NetIPAddress -InterfaceIndex $adapter.ifIndex -AddressFamily IPv4 -ErrorAction SilentlyContinue)
        $gateways = @(Get-NetRoute -InterfaceIndex $adapter.ifIndex -DestinationPrefix '::/0' -ErrorAction SilentlyContinue |
            ForEach-Object { [string]$_.NextHop })
        $list.Add([ordered]@{
            name                 = $adapter.Name
            interfaceDescription = $adapter.InterfaceDescription
            componentId          = [string]$adapter.ComponentID
            status               = [string]$adapter.Status
            receiveLinkSpeed     = [int64]$adapter.ReceiveLinkSpeed
            driverVersion        = [string]$adapter.DriverVersion
            ipv6Addresses        = $ipv6
            ipv6Gateways         = $gateways
            hasIPv4              = ($ipv4.Count -gt 0)
        })
    }
    [ordered]@{ adapters = @($list) }
}

$driverStore = Read-Part {
    $enum = Invoke-Native 'pnputil.exe' @('/enum-drivers')
    if ($enum.exitCode -ne 0) {
        throw ('pnputil /enum-drivers failed (exit code ' + $enum.exitCode + '): ' + (($enum.lines -join ' ').Trim()))
    }
    $all = [System.Collections.Generic.List[object]]::new()
    $current = $null
    $fields = 0
    foreach ($line in $enum.lines) {
        if ($line -notmatch '^\s*([A-Za-z][A-Za-z ]*?)\s*:\s+(.*?)\s*$') { continue }
        $key = $Matches[1]
        $value = $Matches[2]
        $fields++
        if ($key -eq 'Published Name') {
            $current = [ordered]@{ publishedName = $value; originalName = ''; provider = ''; className = ''; version = ''; date = '' }
            $all.Add($current)
        } elseif ($null -ne $current) {
            if ($key -eq 'Original Name') { $current.originalName = $value }
            elseif ($key -eq 'Provider Name') { $current.provider = $value }
            elseif ($key -eq 'Class Name') { $current.className = $value }
            elseif ($key -eq 'Driver Version') {
                # "MM/DD/YYYY x.y.z.w"
                $pair = $value -split '\s+', 2
                $current.date = $pair[0]
                if ($pair.Count -gt 1) { $current.version = $pair[1] }
            }
        }
    }
    if ($all.Count -eq 0 -and $fields -gt 0) {
        throw 'pnputil /enum-drivers printed no "Published Name" this script can read (not English?)'
    }
    $wanted = [string]$p.infName
    [ordered]@{ packages = @($all | Where-Object { $_.originalName -eq $wanted }) }
}

$drives = Read-Part {
    $mappings = @(Get-SmbMapping | ForEach-Object {
        [ordered]@{ localPath = [string]$_.LocalPath; remotePath = [string]$_.RemotePath; status = [string]$_.Status }
    })
    [ordered]@{ mappings = $mappings }
}

$openvpn = Read-Part {
    $key = Get-ItemProperty -LiteralPath 'HKLM:\SOFTWARE\OpenVPN' -ErrorAction SilentlyContinue
    if ($null -eq $key) {
        return [ordered]@{ installed = $false; installDir = $null; version = $null; configs = @() }
    }
    $exe = [string]$key.exe_path
    $version = $null
    if ($exe -and (Test-Path -LiteralPath $exe)) { $version = [string](Get-Item -LiteralPath $exe).VersionInfo.ProductVersion }
    $configs = [System.Collections.Generic.List[object]]::new()
    $seen = @{}
    foreach ($dir in @([string]$key.config_dir, [string]$key.autostart_config_dir)) {
        if (-not $dir -or $seen.ContainsKey($dir) -or -not (Test-Path -LiteralPath $dir)) { continue }
        $seen[$dir] = $true
        foreach ($file in @(Get-ChildItem -LiteralPath $dir -Filter '*.ovpn' -File)) {
            # OpenVPN takes the last `verb` it reads; without one it logs at level 1.
            $verb = $null
            foreach ($line in @(Get-Content -LiteralPath $file.FullName)) {
                if ($line -match '^\s*verb\s+(\d+)') { $verb = [int]$Matches[1] }
            }
            $configs.Add([ordered]@{ path = $file.FullName; verb = $verb })
        }
    }
    [ordered]@{ installed = $true; installDir = [string]$key.'(default)'; version = $version; configs = @($configs) }
}

$systemDrive = Read-Part {
    $drive = Get-PSDrive -Name $env:SystemDrive.TrimEnd(':') -PSProvider FileSystem
    [ordered]@{ name = $env:SystemDrive; freeBytes = [int64]$drive.Free; totalBytes = [int64]($drive.Free + $drive.Used) }
}

[ordered]@{
    services     = $services
    signing      = $signing
    certificates = $certificates
    adapters     = $adapters
    driverStore  = $driverStore
    drives       = $drives
    openvpn      = $openvpn
    systemDrive  = $systemDrive
}
