# --- HLK Studio's object model: functions shared by the hlk.* operations (hlk-functions.ps1) ---
# The object model is loaded as Microsoft's HLK API samples do: the Studio assemblies from %WTTSTDIO%, the
# controller and database from Studio's connect.xml (its Connection element's Server and Source), one
# DatabaseProjectManager per operation, disposed at the end. References: the HLK API reference
# (DatabaseProjectManager, ProjectManager.GetRootMachinePool/GetProjectNames/GetProject/CreateProject,
# MachinePool.GetMachines/GetChildPools/CreateChildPool/MoveMachineTo, Machine.SetMachineStatus,
# ProductInstance.GetProductTypes/GetTargets, Target.GetFeatures/AddFeature, PlaylistManager, Test.Status/
# ExecutionState/GetMachineRole/GetTestResults/QueueTest, TestResultStatus, ExecutionState), and the
# toolsHLK.ps1 wrapper of the HLK-CI project for how roles are filled before QueueTest.

# HLK's API cannot be used while someone works in HLK Studio on the controller: say so instead of failing
# somewhere deep in the object model.
function Assert-HlkStudioClosed {
    $studio = @(Get-Process -Name 'HLKStudio' -ErrorAction SilentlyContinue)
    if ($studio.Count -gt 0) {
        throw ('HLK Studio is open on this controller (HLKStudio.exe, process ' + ((@($studio | ForEach-Object { [string]$_.Id })) -join ', ') + '): HLK''s object model cannot be used while someone works in Studio. Close HLK Studio and try again.')
    }
}

# Runs $Work with a connected DatabaseProjectManager, the controller's name and the database's.
function Invoke-HlkObjectModel([scriptblock]$Work) {
    Assert-HlkStudioClosed
    # HLK Studio's folder from the machine's environment, where Windows keeps it (what
    # [Environment]::GetEnvironmentVariable('WTTSTDIO', 'Machine') reads; readiness-controller.ps1 reads it so too).
    $dir = [string](Get-ItemProperty -LiteralPath 'HKLM:\SYSTEM\CurrentControlSet\Control\Session Manager\Environment').WTTSTDIO
    if (-not $dir) { throw 'WTTSTDIO is not set: HLK Studio is not installed on this machine.' }
    # Add-Type -LiteralPath loads an assembly file as Assembly.LoadFrom does (HLK-CI's toolsHCK.ps1 calls LoadFrom).
    foreach ($assembly in @('Microsoft.Windows.Kits.Hardware.ObjectModel.dll', 'Microsoft.Windows.Kits.Hardware.ObjectModel.DBConnection.dll')) {
        $file = Join-Path $dir $assembly
        if (-not (Test-Path -LiteralPath $file -PathType Leaf)) { throw ('HLK Studio''s folder ' + $dir + ' has no ' + $assembly + ': repair or reinstall HLK Studio on this controller.') }
        Add-Type -LiteralPath $file
    }
    $connection = ([xml](Get-Content -LiteralPath (Join-Path $dir 'connect.xml') -Raw)).Connection
    $server = [string]$connection.GetAttribute('Server')
    $database = [string]$connection.GetAttribute('Source')
    $manager = New-Object -TypeName Microsoft.Windows.Kits.Hardware.ObjectModel.DBConnection.DatabaseProjectManager -ArgumentList $server, $database
    try {
        & $Work $manager $server $database
    } finally {
        $manager.Dispose()
    }
}

function Test-SameName([string]$A, [string]$B) {
    return [string]::Equals($A, $B, [StringComparison]::OrdinalIgnoreCase)
}

# A time from the object model as ISO 8601 UTC; null for none (HLK uses DateTime.MinValue for "not yet").
function Format-HlkTime($Value) {
    if ($null -eq $Value) { return $null }
    $time = [DateTime]$Value
    if ($time.Year -lt 2000) { return $null }
    return $time.ToUniversalTime().ToString('o')
}

# Every pool under the root, the root first, breadth first.
function Get-HlkPools($Manager) {
    $pools = [System.Collections.Generic.List[object]]::new()
    $queue = New-Object System.Collections.Generic.Queue[object]
    $queue.Enqueue($Manager.GetRootMachinePool())
    while ($queue.Count -gt 0) {
        $pool = $queue.Dequeue()
        $pools.Add($pool)
        foreach ($child in @($pool.GetChildPools())) { $queue.Enqueue($child) }
    }
    return , $pools
}

# The machine HLK knows by this name, with the pool it is in; throws when HLK does not know it.
function Find-HlkMachine($Manager, [string]$Name, [string]$Server) {
    foreach ($pool in (Get-HlkPools $Manager)) {
        foreach ($machine in @($pool.GetMachines())) {
            if (Test-SameName ([string]$machine.Name) $Name) { return @{ machine = $machine; pool = $pool } }
        }
    }
    throw ('HLK on ' + $Server + ' knows no machine named ' + $Name + '; is its HLK client installed and pointed at this controller?')
}

function Find-HlkPool($Manager, [string]$Name) {
    foreach ($pool in (Get-HlkPools $Manager)) {
        if (Test-SameName ([string]$pool.Name) $Name) { return $pool }
    }
    return $null
}

function Get-HlkProject($Manager, [string]$Name, [string]$Server) {
    foreach ($existing in @($Manager.GetProjectNames())) {
        if (Test-SameName ([string]$existing) $Name) { return $Manager.GetProject([string]$existing) }
    }
    throw ('HLK on ' + $Server + ' has no project named ' + $Name + '.')
}

function ConvertTo-HlkPlatform($Platform) {
    if ($null -eq $Platform) { return $null }
    return [ordered]@{ name = [string]$Platform.Name; description = [string]$Platform.Description; architecture = [string]$Platform.Architecture }
}

function ConvertTo-HlkMachine($Machine) {
    return [ordered]@{
        name          = [string]$Machine.Name
        status        = [string]$Machine.Status
        lastHeartbeat = (Format-HlkTime $Machine.LastHeartBeat)
        platform      = (ConvertTo-HlkPlatform $Machine.OSPlatform)
    }
}
