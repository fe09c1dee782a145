param($p)
# Every machine HLK knows, with its pool, status and last heartbeat, read through HLK Studio's object
# model as Microsoft's HLK API samples do: load the Studio assemblies from %WTTSTDIO%, take the
# controller and database from connect.xml (its Connection element's Server and Source attributes),
# connect with DatabaseProjectManager, and walk the pools from GetRootMachinePool() with GetMachines()
# and GetChildPools(). Machine.Status is a MachineStatus: Ready, NotReady, Initializing or Running.
# (HLK API reference: DatabaseProjectManager class, ProjectManager.GetRootMachinePool method,
# MachinePool.GetMachines/GetChildPools, MachineStatus enumeration; the "HelloWorld" PowerShell sample.)
$dir = [Environment]::GetEnvironmentVariable('WTTSTDIO', 'Machine')
if (-not $dir) { throw 'WTTSTDIO is not set: HLK Studio is not installed on this machine.' }
[void][Reflection.Assembly]::LoadFrom((Join-Path $dir 'Microsoft.Windows.Kits.Hardware.ObjectModel.dll'))
[void][Reflection.Assembly]::LoadFrom((Join-Path $dir 'Microsoft.Windows.Kits.Hardware.ObjectModel.DBConnection.dll'))
$connection = ([xml](Get-Content -LiteralPath (Join-Path $dir 'connect.xml') -Raw)).Connection
$server = [string]$connection.GetAttribute('Server')
$database = [string]$connection.GetAttribute('Source')

$manager = New-Object -TypeName Microsoft.Windows.Kits.Hardware.ObjectModel.DBConnection.DatabaseProjectManager -ArgumentList $server, $database
try {
    $machines = New-Object System.Collections.Generic.List[object]
    $pools = New-Object System.Collections.Generic.Queue[object]
    $pools.Enqueue($manager.GetRootMachinePool())
    while ($pools.Count -gt 0) {
        $pool = $pools.Dequeue()
        foreach ($machine in @($pool.GetMachines())) {
            $heartbeat = $null
            if ($null -ne $machine.LastHeartBeat) { $heartbeat = $machine.LastHeartBeat.ToUniversalTime().ToString('o') }
            $machines.Add([ordered]@{
                name          = [string]$machine.Name
                pool          = [string]$pool.Path
                status        = [string]$machine.Status
                lastHeartbeat = $heartbeat
            })
        }
        foreach ($child in @($pool.GetChildPools())) { $pools.Enqueue($child) }
    }
    [ordered]@{ controller = $server; database = $database; machines = @($machines) }
} finally {
    $manager.Dispose()
}
