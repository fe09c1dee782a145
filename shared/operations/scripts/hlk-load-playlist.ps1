param($p)
# HLK Studio's "Load Playlist": PlaylistManager.LoadPlaylist(path) narrows the project's tests to the
# playlist's (a playlist loaded before is unloaded first). Answers with how many tests the playlist names,
# how many of the project's tests it selects (GetTestsFromProjectThatMatchPlaylist) and how many it names
# that the project does not have (LoadPlaylist's answer).
Invoke-HlkObjectModel {
    param($manager, $server, $database)
    $path = [string]$p.path
    if (-not (Test-Path -LiteralPath $path -PathType Leaf)) {
        throw ('There is no playlist file at ' + $path + ' on the controller.')
    }
    $project = Get-HlkProject $manager ([string]$p.project) $server
    $playlists = New-Object Microsoft.Windows.Kits.Hardware.ObjectModel.PlaylistManager -ArgumentList $project
    $replaced = $false
    if ($playlists.IsPlaylistLoaded()) {
        [void]$playlists.UnloadPlaylist()
        $replaced = $true
    }
    $notFound = @($playlists.LoadPlaylist($path))
    $playlist = [Microsoft.Windows.Kits.Hardware.ObjectModel.PlaylistManager]::DeserializePlaylist($path)
    $selected = @($playlists.GetTestsFromProjectThatMatchPlaylist($playlist))
    [ordered]@{
        path            = $path
        replaced        = $replaced
        testsInPlaylist = @($playlist.TestSet).Count
        testsSelected   = $selected.Count
        notFound        = $notFound.Count
    }
}
