param($p)
# Sets one machine Ready in HLK, as HLK Studio's "Change Machine Status" does, through the object model
# (see hlk-machines.ps1): Machine.SetMachineStatus(MachineStatus.Ready, -1) as in Microsoft's HLK API
# "HelloWorld" PowerShell sample.
$dir = [Environment]::GetEnvironmentVariable('WTTSTDIO', 'Machine')
if (-not $dir) { throw 'WTTSTDIO is not set: HLK Studio is not installed on this machine.' }
[void][Reflection.Assembly]::LoadFrom((Join-Path $dir 'Microsoft.Windows.Kits.Hardware.ObjectModel.dll'))
[void][Reflection.Assembly]::LoadFrom((Join-Path $dir 'Microsoft.Windows.Kits.Hardware.ObjectModel.DBConnection.dll'))
$connection = ([xml](Get-Content -LiteralPath (Join-Path $dir 'connect.xml') -Raw)).Connection
$server = [string]$connection.GetAttribute('Server')
$database = [string]$connection.GetAttribute('Source')
$wanted = [string]$p.machine

$manager = New-Object -TypeName Microsoft.Windows.Kits.Hardware.ObjectModel.DBConnection.DatabaseProjectManager -ArgumentList $server, $database
try {
    $found = $null
    $foundPool = $null
    $pools = New-Object System.Collections.Generic.Queue[object]
    $pools.Enqueue($manager.GetRootMachinePool())
    while ($pools.Count -gt 0 -and $null -eq $found) {
        $pool = $pools.Dequeue()
        foreach ($machine in @($pool.GetMachines())) {
            if ([string]::Equals([string]$machine.Name, $wanted, [StringComparison]::OrdinalIgnoreCase)) {
                $found = $machine
                $foundPool = $pool
            }
        }
        foreach ($child in @($pool.GetChildPools())) { $pools.Enqueue($child) }
    }
    if ($null -eq $found) {
        throw ('HLK on ' + $server + ' knows no machine named ' + $wanted + '; is its HLK client installed and pointed at this controller?')
    }
    $found.SetMachineStatus([Microsoft.Windows.Kits.Hardware.ObjectModel.MachineStatus]::Ready, -1)
    [ordered]@{ machine = [string]$found.Name; pool = [string]$foundPool.Path; status = [string]$found.Status }
} finally {
    $manager.Dispose()
}
