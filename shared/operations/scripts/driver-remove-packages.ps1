param($p)
# Deletes driver packages from the driver store, as the tap-windows6 README does with
# `pnputil /d oemNN.inf` (here `pnputil /delete-driver`, without /uninstall or /force: Windows keeps a
# package a device still uses, and says so). Each package is tried; each answer is kept.
$command = Get-Command -Name 'pnputil.exe' -CommandType Application -ErrorAction Stop | Select-Object -First 1
$results = [System.Collections.Generic.List[object]]::new()
foreach ($number in @($p.oemNumbers)) {
    $name = 'oem' + [int]$number + '.inf'
    $ErrorActionPreference = 'Continue'
    $lines = @(& $command '/delete-driver' $name 2>&1 | ForEach-Object { [string]$_ })
    $exitCode = $LASTEXITCODE
    $ErrorActionPreference = 'Stop'
    $message = (@($lines | Where-Object { $_.Trim() -ne '' -and $_ -ne 'Microsoft PnP Utility' }) -join ' ').Trim()
    $results.Add([ordered]@{ publishedName = $name; removed = ($exitCode -eq 0); message = $message })
}
[ordered]@{ results = @($results) }
