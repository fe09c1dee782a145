param($p)
# What the readiness checks read on the HLK controller, in one round trip: HLK Studio's folder and its
# connection file, the HLK services, and whether the test share holds the files the tests copy from it.
# Each part is read on its own, as in readiness-machine.ps1.

function Read-Part([scriptblock]$Read) {
    try {
        $value = & $Read
        return @{ ok = $true; value = $value }
    } catch {
        return @{ ok = $false; error = $_.Exception.Message }
    }
}

$studio = Read-Part {
    # HLK Studio's folder, from the machine's environment (what [Environment]::GetEnvironmentVariable('WTTSTDIO',
    # 'Machine') reads), taken from the registry where Windows keeps it.
    $machineEnvironment = Get-ItemProperty -LiteralPath 'HKLM:\SYSTEM\CurrentControlSet\Control\Session Manager\Environment'
    $dir = [string]$machineEnvironment.WTTSTDIO
    if (-not $dir) {
        return [ordered]@{ installed = $false; directory = $null; missingAssemblies = @(); controller = $null; database = $null }
    }
    $assemblies = @('Microsoft.Windows.Kits.Hardware.ObjectModel.dll', 'Microsoft.Windows.Kits.Hardware.ObjectModel.DBConnection.dll')
    $missing = @($assemblies | Where-Object { -not (Test-Path -LiteralPath (Join-Path $dir $_)) })
    $controller = $null
    $database = $null
    $connectFile = Join-Path $dir 'connect.xml'
    if (Test-Path -LiteralPath $connectFile) {
        $connection = ([xml](Get-Content -LiteralPath $connectFile -Raw)).Connection
        $controller = [string]$connection.GetAttribute('Server')
        $database = [string]$connection.GetAttribute('Source')
    }
    [ordered]@{ installed = ($missing.Count -eq 0); directory = $dir; missingAssemblies = $missing; controller = $controller; database = $database }
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

$testShare = Read-Part {
    $share = Get-SmbShare -Name ([string]$p.testShare.name) -ErrorAction SilentlyContinue
    if ($null -eq $share) {
        return [ordered]@{ exists = $false; path = $null; missing = @() }
    }
    $missing = @(@($p.testShare.files) | ForEach-Object { [string]$_ } |
        Where-Object { -not (Test-Path -LiteralPath (Join-Path $share.Path $_)) })
    [ordered]@{ exists = $true; path = [string]$share.Path; missing = $missing }
}

[ordered]@{ studio = $studio; services = $services; testShare = $testShare }
