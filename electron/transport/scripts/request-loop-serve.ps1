# hlk-assist request loop, protocol 1: serve requests from stdin until it closes (runs after request-loop-functions.ps1).
function Write-HlkaFrame($Answer) {
    [Console]::Out.WriteLine((Format-HlkaFrame $Answer))
    [Console]::Out.Flush()
}

Write-HlkaFrame @{ id = 'ready'; ok = $true; result = @{ protocol = 1; powershell = $PSVersionTable.PSVersion.ToString(); pid = $PID } }
while ($true) {
    $line = [Console]::In.ReadLine()
    if ($null -eq $line) { break }
    if ($line.Length -eq 0) { continue }
    Write-HlkaFrame (Invoke-HlkaRequest $line)
}
